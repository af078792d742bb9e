import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli';

// electron-builder's own loader and schema check, the same ones `electron-builder` runs.
const require = createRequire(import.meta.url);
const { findAndReadConfig } = require('app-builder-lib/out/util/config/load') as {
  findAndReadConfig(request: { projectDir: string; configFilename: string; packageKey: string }): Promise<{ result: Record<string, unknown> } | null>;
};
const { validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
  validateConfiguration(config: unknown, debugLogger: { isEnabled: boolean; add(): void }): Promise<void>;
};

interface BuilderConfig {
  appId: string;
  productName: string;
  asarUnpack: string[];
  protocols: { schemes: string[] }[];
  publish: unknown;
  win: { target: string; icon: string };
  mac: { target: string[]; icon: string; hardenedRuntime: boolean; entitlements: string; extendInfo: Record<string, string> };
  linux: { target: string[]; icon: string };
}

async function load(): Promise<BuilderConfig> {
  const found = await findAndReadConfig({ projectDir: ROOT, configFilename: 'electron-builder', packageKey: 'build' });
  expect(found).not.toBeNull();
  return found!.result as unknown as BuilderConfig;
}

describe('electron-builder.yml', () => {
  it('passes electron-builder’s configuration schema', async () => {
    await expect(validateConfiguration(await load(), { isEnabled: false, add: () => {} })).resolves.toBeUndefined();
  });

  it('the schema check does catch mistakes', async () => {
    await expect(validateConfiguration({ ...(await load()), colour: 'blue' }, { isEnabled: false, add: () => {} })).rejects.toThrow(/colour/);
  });

  it('names the product and targets every platform', async () => {
    const c = await load();
    expect(c.appId).toBe('org.litesip.app');
    expect(c.productName).toBe('LiteSIP');
    expect(c.win.target).toBe('nsis');
    expect(c.mac.target).toEqual(['dmg', 'zip']);
    expect(c.linux.target).toEqual(['AppImage', 'deb']);
    expect(c.asarUnpack).toContain('**/*.node');
    expect(c.protocols.flatMap((p) => p.schemes).sort()).toEqual(['sip', 'sips', 'tel']);
    expect(c.publish).toEqual({ provider: 'generic', url: '${env.LITESIP_UPDATE_URL}' });
  });

  it('asks macOS for the microphone under the hardened runtime', async () => {
    const c = await load();
    expect(c.mac.hardenedRuntime).toBe(true);
    expect(c.mac.extendInfo.NSMicrophoneUsageDescription).toMatch(/microphone/);
    const plist = fs.readFileSync(path.join(ROOT, c.mac.entitlements), 'utf8');
    expect(plist).toMatch(/<key>com\.apple\.security\.device\.audio-input<\/key>\s*<true\/>/);
    for (const icon of [c.win.icon, c.mac.icon, c.linux.icon]) expect(fs.existsSync(path.join(ROOT, icon))).toBe(true);
  });
});
