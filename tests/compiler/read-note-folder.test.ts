import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_TEXT_FILE_BYTES, readNoteFolder } from '../../src/compiler/read-dir.js';

const NOTE = '# Docker\n- chroot - changes the root directory a process sees\n';

/** A content folder with one good note, and a folder beside it that is outside the content. */
function folders(): { dir: string; outside: string } {
  const base = mkdtempSync(join(tmpdir(), 'dh-read-'));
  const dir = join(base, 'content');
  const outside = join(base, 'elsewhere');
  mkdirSync(dir);
  mkdirSync(outside);
  writeFileSync(join(dir, 'good.md'), NOTE);
  return { dir, outside };
}

describe('reading a content folder', () => {
  it('refuses a file over the size limit at line 1 and reads the others', async () => {
    const { dir } = folders();
    writeFileSync(join(dir, 'huge.md'), `# Huge\n${'- a line of notes\n'.repeat(Math.ceil(MAX_TEXT_FILE_BYTES / 17) + 1)}`);
    const folder = await readNoteFolder(dir);
    expect(folder.files.map((f) => f.path)).toEqual(['good.md']);
    expect(folder.refused).toEqual([{ file: 'huge.md', line: 1, message: expect.stringMatching(/^is 2\.\d MB; files over 2 MB are not read/) }]);
  });

  it('refuses a binary file (NUL bytes), located at the line of the first NUL', async () => {
    const { dir } = folders();
    writeFileSync(join(dir, 'image.md'), Buffer.from([0x23, 0x20, 0x41, 0x0a, 0x42, 0x00, 0x01, 0x02]));
    const folder = await readNoteFolder(dir);
    expect(folder.files.map((f) => f.path)).toEqual(['good.md']);
    expect(folder.refused).toEqual([{ file: 'image.md', line: 2, message: 'is a binary file (it contains NUL bytes), not UTF-8 text; it is not read' }]);
  });

  it('refuses text that is not valid UTF-8, at the line of the first bad byte', async () => {
    const { dir } = folders();
    // "café" in Latin-1 on line 3.
    writeFileSync(join(dir, 'latin1.md'), Buffer.concat([Buffer.from('# Notes\n- ok - fine\n- caf'), Buffer.from([0xe9]), Buffer.from(' - a place\n')]));
    const folder = await readNoteFolder(dir);
    expect(folder.files.map((f) => f.path)).toEqual(['good.md']);
    expect(folder.refused).toEqual([{ file: 'latin1.md', line: 3, message: 'is not valid UTF-8 text; save it as UTF-8 to have it read' }]);
  });

  it('drops a UTF-8 byte order mark, as editors do', async () => {
    const { dir } = folders();
    writeFileSync(join(dir, 'bom.md'), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('---\ntopic: Docker\n---\n- a - b\n')]));
    const folder = await readNoteFolder(dir);
    expect(folder.files.find((f) => f.path === 'bom.md')?.text.startsWith('---\n')).toBe(true);
  });

  it('refuses a symbolic link out of the content folder, file or folder, and a dangling one', async () => {
    const { dir, outside } = folders();
    writeFileSync(join(outside, 'secret.md'), '# Secret\n- key - value\n');
    symlinkSync(join(outside, 'secret.md'), join(dir, 'linked.md'));
    symlinkSync(outside, join(dir, 'linked-dir'));
    symlinkSync(join(dir, 'missing.md'), join(dir, 'dangling.md'));
    const folder = await readNoteFolder(dir);
    expect(folder.files.map((f) => f.path)).toEqual(['good.md']);
    expect(folder.refused).toEqual([
      { file: 'dangling.md', line: 1, message: 'is a symbolic link to nothing (its target does not exist); it is not read' },
      { file: 'linked-dir', line: 1, message: 'is a symbolic link to a place outside the content folder; only links within the folder are followed' },
      { file: 'linked.md', line: 1, message: 'is a symbolic link to a place outside the content folder; only links within the folder are followed' },
    ]);
  });

  it('follows a symbolic link that stays inside the folder, and a link back up is no loop', async () => {
    const { dir } = folders();
    mkdirSync(join(dir, 'docker'));
    writeFileSync(join(dir, 'docker', 'images.md'), '# Images\n- layer - a read-only filesystem diff\n');
    symlinkSync(join(dir, 'docker', 'images.md'), join(dir, 'alias.md'));
    symlinkSync(dir, join(dir, 'docker', 'up'));
    const folder = await readNoteFolder(dir);
    expect(folder.refused).toEqual([]);
    expect(folder.files.map((f) => f.path)).toEqual(['alias.md', 'docker/images.md', 'good.md']);
    expect(folder.files[0]?.text).toContain('read-only filesystem diff');
  });
});
