import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_WINDOW_STATE, WindowStateFile } from '../../main/shell/window-state';
import { tempDir } from '../helpers/temp-dir';

const screen = [{ x: 0, y: 0, width: 1920, height: 1080 }];

describe('window state file', () => {
  it('round-trips bounds and the maximized flag', () => {
    const file = new WindowStateFile(path.join(tempDir(), 'nested', 'window-state.json'));
    file.save({ x: 40, y: 30, width: 1200, height: 800, maximized: true });
    expect(file.load(screen)).toEqual({ x: 40, y: 30, width: 1200, height: 800, maximized: true });
  });

  it('gives the defaults for a missing, damaged or out-of-range file', () => {
    const dir = tempDir();
    const file = path.join(dir, 'window-state.json');
    expect(new WindowStateFile(file).load(screen)).toEqual(DEFAULT_WINDOW_STATE);
    fs.writeFileSync(file, '{ not json');
    expect(new WindowStateFile(file).load(screen)).toEqual(DEFAULT_WINDOW_STATE);
    fs.writeFileSync(file, JSON.stringify({ width: 10, height: 10, maximized: false }));
    expect(new WindowStateFile(file).load(screen)).toEqual(DEFAULT_WINDOW_STATE);
  });

  it('keeps the size but drops a position that is on no display any more', () => {
    const file = new WindowStateFile(path.join(tempDir(), 'window-state.json'));
    file.save({ x: 3000, y: 200, width: 1000, height: 700, maximized: false });
    expect(file.load(screen)).toEqual({ width: 1000, height: 700, maximized: false });
    expect(file.load([...screen, { x: 1920, y: 0, width: 2560, height: 1440 }])).toMatchObject({ x: 3000, y: 200 });
  });
});
