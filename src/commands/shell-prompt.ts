/**
 * What a learner pastes in front of a command that is not part of it: a shell prompt copied from a
 * terminal or a note (`$ `, `# `, `user@host:~$ `, `user@host % `, `[root@box ~]# `, `PS> `,
 * `PS C:\work> `) and `sudo`. Neither changes what the command means, so both are ignored.
 */

const PROMPTS: RegExp[] = [
  /^[\w.-]+@[\w.-]+(?::\S*|\s+\S+)?\s*[$#%>]\s*/, // user@host:~$  user@host ~ %  user@host:/srv#
  /^\[[^\]\n]*\][$#%]\s*/, // [root@box ~]#
  /^PS(?: [^>\n]*)?>\s*/, // PS>  PS C:\work>
  /^[$#%>❯]\s+/, // $  #  %  >
];

// `sudo` with the options that do not take a value (`sudo -E docker …`).
const SUDO = /^sudo\s+(?:-[EHSbiknPs]+\s+)*/;

/** The command without a leading pasted prompt and `sudo`. */
export function stripPrompt(line: string): string {
  let text = line.trim();
  for (let changed = true; changed; ) {
    const before = text;
    for (const prompt of PROMPTS) text = text.replace(prompt, '');
    text = text.replace(SUDO, '');
    changed = text !== before;
  }
  return text;
}
