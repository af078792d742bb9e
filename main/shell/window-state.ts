import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

export interface Rectangle {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowState {
  width: number;
  height: number;
  x?: number;
  y?: number;
  maximized: boolean;
}

export const DEFAULT_WINDOW_STATE: WindowState = { width: 1080, height: 720, maximized: false };
export const MIN_WIDTH = 720;
export const MIN_HEIGHT = 480;

const stateSchema = z.object({
  width: z.number().int().min(MIN_WIDTH).max(16384),
  height: z.number().int().min(MIN_HEIGHT).max(16384),
  x: z.number().int().optional(),
  y: z.number().int().optional(),
  maximized: z.boolean(),
});

/**
 * Window bounds and maximized flag, kept in a small JSON file in userData. A damaged file,
 * or bounds that fall off every display (a monitor was unplugged), give the defaults.
 */
export class WindowStateFile {
  constructor(private readonly file: string) {}

  load(workAreas: readonly Rectangle[]): WindowState {
    let state: WindowState;
    try {
      const parsed = stateSchema.safeParse(JSON.parse(fs.readFileSync(this.file, 'utf8')));
      if (!parsed.success) return { ...DEFAULT_WINDOW_STATE };
      state = parsed.data;
    } catch {
      return { ...DEFAULT_WINDOW_STATE };
    }
    if (state.x === undefined || state.y === undefined) return { width: state.width, height: state.height, maximized: state.maximized };
    const bounds = { x: state.x, y: state.y, width: state.width, height: state.height };
    if (!workAreas.some((area) => overlapsEnough(bounds, area))) {
      return { width: state.width, height: state.height, maximized: state.maximized };
    }
    return state;
  }

  /** Written to a temporary file and renamed, so a crash never leaves half a file. */
  save(state: WindowState): void {
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    const temp = `${this.file}.tmp`;
    fs.writeFileSync(temp, `${JSON.stringify(state)}\n`);
    fs.renameSync(temp, this.file);
  }
}

/** At least a 100×50 px corner of the window (its title bar) lies on the display. */
function overlapsEnough(win: Rectangle, area: Rectangle): boolean {
  const w = Math.min(win.x + win.width, area.x + area.width) - Math.max(win.x, area.x);
  const h = Math.min(win.y + win.height, area.y + area.height) - Math.max(win.y, area.y);
  return w >= 100 && h >= 50;
}
