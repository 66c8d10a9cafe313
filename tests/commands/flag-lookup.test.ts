import { describe, expect, it } from 'vitest';
import { canonicalFlags, flagTableFor } from '../../src/commands/flag-lookup.js';

describe('flags outside a command line', () => {
  it('reads flags with docker run by default, case and all', () => {
    const table = flagTableFor(['-d'], 'Which flag starts the container in the background?');
    expect(table && canonicalFlags('-d', table)).toEqual(['--detach']);
    expect(table && canonicalFlags('-P', table)).toEqual(['--publish-all']);
    expect(table && canonicalFlags('-p', table)).toEqual(['--publish']);
    expect(table && canonicalFlags('-it', table)).toEqual(['--interactive', '--tty']);
    expect(table && canonicalFlags('--net', table)).toEqual(['--network']);
  });

  it('uses the table of the command the prompt names', () => {
    const network = flagTableFor(['-d'], 'Which docker network create flag picks the driver?');
    expect(network && canonicalFlags('-d', network)).toEqual(['--driver']);
    const kubectl = flagTableFor(['-n'], 'Which kubectl flag selects the namespace?');
    expect(kubectl && canonicalFlags('-n', kubectl)).toEqual(['--namespace']);
  });

  it('falls back to a table that knows every expected flag', () => {
    const table = flagTableFor(['--all-namespaces'], 'Which flag lists every namespace?');
    expect(table && canonicalFlags('-A', table)).toEqual(['--all-namespaces']);
  });

  it('does not know what no table has', () => {
    const table = flagTableFor(['-d'], '');
    expect(table && canonicalFlags('--daemon', table)).toBeUndefined();
  });
});
