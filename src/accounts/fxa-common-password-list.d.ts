// The package ships no types: it is Mozilla's list of 50,000 common passwords of 8 or more
// characters (from the top million of a 10-million-password leak) and one function over it.
declare module 'fxa-common-password-list' {
  const commonPasswords: { test(password: string): boolean };
  export default commonPasswords;
}
