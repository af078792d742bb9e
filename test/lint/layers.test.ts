import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli';

/** Lints a snippet as if it were the file at `relPath` in the repository. */
async function lintAs(relPath: string, code: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: ROOT });
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, relPath) });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'litesip/layers').map((m) => m.message);
}

describe('lint: process boundaries and layers (STYLE rules 1 and 2)', () => {
  it('fires when electron is imported outside main/shell and preload', async () => {
    expect(await lintAs('main/engine/x.ts', "import { app } from 'electron';\nexport const a = app;\n")).toEqual([
      expect.stringContaining("'electron' may be imported only in main/shell"),
    ]);
    expect(await lintAs('main/sip/message/x.ts', "export * from 'electron';\n")).toHaveLength(1);
    expect(await lintAs('main/shell/x.ts', "import { app } from 'electron';\nexport const a = app;\n")).toEqual([]);
    expect(await lintAs('preload/x.ts', "import { ipcRenderer } from 'electron';\nexport const a = ipcRenderer;\n")).toEqual([]);
  });

  it('fires when a lower layer imports a higher one', async () => {
    expect(await lintAs('main/sip/message/x.ts', "import { t } from '../transaction';\nexport const a = t;\n")).toEqual([
      expect.stringContaining('SIP layers only import downward'),
    ]);
    expect(await lintAs('main/sip/ua/x.ts', "import { t } from '../transaction';\nexport const a = t;\n")).toEqual([]);
    expect(await lintAs('main/sip/x.ts', "import { e } from '../engine';\nexport const a = e;\n")).toEqual([
      expect.stringContaining('layers only import downward'),
    ]);
    expect(await lintAs('main/engine/x.ts', "import { s } from '../sip/ua';\nexport const a = s;\n")).toEqual([]);
    expect(await lintAs('main/store/x.ts', "import { s } from '../cli/main';\nexport const a = s;\n")).toHaveLength(1);
  });

  it('keeps shared/ and renderer/ free of Node and of main/', async () => {
    expect(await lintAs('shared/ipc/x.ts', "import fs from 'node:fs';\nexport const a = fs;\n")).toHaveLength(1);
    expect(await lintAs('renderer/src/x.ts', "import { Communicator } from '../../main/engine';\nexport const a = Communicator;\n")).toHaveLength(1);
    expect(await lintAs('renderer/src/x.ts', "import { contract } from '../../shared/ipc';\nexport const a = contract;\n")).toEqual([]);
  });
});
