import { describe, expect, it } from 'vitest';
import { stripPrompt } from '../../src/commands/shell-prompt.js';

describe('pasted prompts and sudo', () => {
  it.each([
    ['$ docker ps', 'docker ps'],
    ['# docker ps', 'docker ps'],
    ['% docker ps', 'docker ps'],
    ['user@host:~$ docker ps', 'docker ps'],
    ['user@host:/srv/app# docker ps', 'docker ps'],
    ['user@host % docker ps', 'docker ps'],
    ['user@host ~ % docker ps', 'docker ps'],
    ['[root@box ~]# docker ps', 'docker ps'],
    ['PS> docker ps', 'docker ps'],
    ['PS C:\\work> docker ps', 'docker ps'],
    ['sudo docker ps', 'docker ps'],
    ['sudo -E docker ps', 'docker ps'],
    ['$ sudo docker ps', 'docker ps'],
    ['  docker ps  ', 'docker ps'],
  ])('reads %s as %s', (line, command) => {
    expect(stripPrompt(line)).toBe(command);
  });

  it('leaves a command without a prompt alone', () => {
    expect(stripPrompt('docker run -e A=$B nginx')).toBe('docker run -e A=$B nginx');
    expect(stripPrompt('kubectl get pods # all of them')).toBe('kubectl get pods # all of them');
  });
});
