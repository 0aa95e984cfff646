// Settings and server discovery, kept free of the VS Code API so they are unit-tested.

import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/** The keys the byline server reads (its settings schema); everything else is editor-side. */
export const SERVER_KEYS = [
  'debounceMs',
  'maxDocumentBytes',
  'codes',
  'extraWeaselPhrases',
  'extraVaguePhrases',
  'markdownOutline',
  'peopleInOutline',
  'plainTextHeadings',
] as const;

/** Editor-side settings that need a restart of the client when they change. */
export const RESTART_KEYS = ['enable', 'include', 'exclude', 'server.path'] as const;

/**
 * The settings object sent to the server (as `initializationOptions`, and as `settings.byline` in
 * `workspace/didChangeConfiguration`): only the server's keys, with the values in force in VS Code
 * (including VS Code's own defaults, e.g. `markdownOutline: false`).
 */
export function serverSettings(get: (key: string) => unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of SERVER_KEYS) {
    const v = get(k);
    if (v === undefined || v === null) continue;
    if (k === 'codes' && typeof v === 'object') {
      // drop empty entries the settings UI may leave behind
      const codes: Record<string, string> = {};
      for (const [code, level] of Object.entries(v as Record<string, unknown>)) {
        if (typeof level === 'string' && level !== '') codes[code] = level;
      }
      out[k] = codes;
    } else {
      out[k] = v;
    }
  }
  return out;
}

export function expandPath(p: string, workspaceFolder: string | undefined): string {
  let s = p.trim();
  if (s === '~' || s.startsWith('~/')) s = path.join(os.homedir(), s.slice(1));
  if (workspaceFolder) s = s.replace(/\$\{workspaceFolder\}/g, workspaceFolder);
  return s;
}

export function isExecutableFile(p: string): boolean {
  try {
    if (!fs.statSync(p).isFile()) return false;
    if (process.platform === 'win32') return true;
    fs.accessSync(p, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export function findOnPath(name: string, envPath = process.env.PATH ?? ''): string | undefined {
  const exts = process.platform === 'win32' ? ['.exe', '.cmd', ''] : [''];
  for (const dir of envPath.split(path.delimiter)) {
    if (!dir) continue;
    for (const ext of exts) {
      const candidate = path.join(dir, name + ext);
      if (isExecutableFile(candidate)) return candidate;
    }
  }
  return undefined;
}

export type ServerChoice =
  | { ok: true; command: string; source: 'setting' | 'bundled' | 'PATH' }
  | { ok: false; message: string; fix: 'setting' | 'install' };

export const SERVER_EXE = process.platform === 'win32' ? 'byline.exe' : 'byline';

/**
 * Which `byline` to run: the `byline.server.path` setting, else the binary bundled in the extension
 * (`server/byline`), else `byline` on PATH. A bundled binary that lost its executable bit (some unzip
 * paths drop it) is made executable again.
 */
export function chooseServer(opts: {
  settingPath: string;
  extensionDir: string;
  workspaceFolder?: string;
  envPath?: string;
  trusted?: boolean;
}): ServerChoice {
  const setting = (opts.settingPath ?? '').trim();
  if (setting !== '' && opts.trusted !== false) {
    const p = expandPath(setting, opts.workspaceFolder);
    if (isExecutableFile(p)) return { ok: true, command: p, source: 'setting' };
    const why = fs.existsSync(p) ? 'is not an executable file' : 'does not exist';
    return {
      ok: false,
      fix: 'setting',
      message: `byline: the server path in the setting "byline.server.path" (${p}) ${why}. Fix the path, or clear the setting to use the server bundled with the extension.`,
    };
  }
  const bundled = path.join(opts.extensionDir, 'server', SERVER_EXE);
  if (fs.existsSync(bundled)) {
    if (!isExecutableFile(bundled)) {
      try {
        fs.chmodSync(bundled, 0o755);
      } catch {
        /* reported below if still not executable */
      }
    }
    if (isExecutableFile(bundled)) return { ok: true, command: bundled, source: 'bundled' };
  }
  const onPath = findOnPath('byline', opts.envPath);
  if (onPath) return { ok: true, command: onPath, source: 'PATH' };
  return {
    ok: false,
    fix: 'install',
    message:
      'byline: no language server found. This build of the extension has no bundled server for your platform and `byline` is not on PATH. ' +
      'Install the platform package (byline-linux-x64.vsix), or put the `byline` program on PATH, or set "byline.server.path" to its location.',
  };
}
