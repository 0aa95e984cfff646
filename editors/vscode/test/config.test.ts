import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { chooseServer, expandPath, serverSettings, SERVER_KEYS } from '../src/config';

const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8'));
const props: Record<string, { default: unknown }> = pkg.contributes.configuration.properties;

test('package.json declares every server setting, with a description', () => {
  for (const k of SERVER_KEYS) {
    const p = props[`byline.${k}`] as { default: unknown; markdownDescription?: string };
    assert.ok(p, `byline.${k} missing from package.json`);
    assert.ok(p.markdownDescription && p.markdownDescription.length > 20, `byline.${k} needs a description`);
  }
  for (const k of ['enable', 'include', 'exclude', 'server.path', 'trace.server']) {
    assert.ok(props[`byline.${k}`], `byline.${k} missing`);
  }
});

test('VS Code defaults: no byline outline for Markdown, server defaults otherwise', () => {
  assert.equal(props['byline.markdownOutline'].default, false);
  assert.equal(props['byline.debounceMs'].default, 150);
  assert.equal(props['byline.maxDocumentBytes'].default, 8388608);
  assert.equal(props['byline.peopleInOutline'].default, true);
  assert.equal(props['byline.plainTextHeadings'].default, true);
});

test('serverSettings sends only the server keys', () => {
  const values: Record<string, unknown> = {
    enable: true,
    include: ['**'],
    'server.path': '/x',
    debounceMs: 0,
    markdownOutline: false,
    codes: { 'vague-source': 'off', 'weasel-source': '' },
    extraVaguePhrases: ['insiders said'],
  };
  const s = serverSettings((k) => values[k]);
  assert.deepEqual(s, {
    debounceMs: 0,
    markdownOutline: false,
    codes: { 'vague-source': 'off' },
    extraVaguePhrases: ['insiders said'],
  });
});

test('expandPath expands ~ and ${workspaceFolder}', () => {
  assert.equal(expandPath('~/bin/byline', undefined), path.join(os.homedir(), 'bin/byline'));
  assert.equal(expandPath('${workspaceFolder}/target/release/byline', '/ws'), '/ws/target/release/byline');
});

test('chooseServer: setting, then bundled, then PATH, then a clear error', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'byline-ext-test-'));
  try {
    const ext = path.join(dir, 'ext');
    const bin = path.join(dir, 'bin');
    fs.mkdirSync(path.join(ext, 'server'), { recursive: true });
    fs.mkdirSync(bin);
    const onPath = path.join(bin, 'byline');
    fs.writeFileSync(onPath, '#!/bin/sh\n', { mode: 0o755 });

    // nothing bundled: PATH
    let c = chooseServer({ settingPath: '', extensionDir: ext, envPath: bin });
    assert.deepEqual(c, { ok: true, command: onPath, source: 'PATH' });

    // bundled without its executable bit: made executable and chosen
    const bundled = path.join(ext, 'server', 'byline');
    fs.writeFileSync(bundled, '#!/bin/sh\n', { mode: 0o644 });
    c = chooseServer({ settingPath: '', extensionDir: ext, envPath: bin });
    assert.deepEqual(c, { ok: true, command: bundled, source: 'bundled' });

    // the setting wins
    c = chooseServer({ settingPath: onPath, extensionDir: ext, envPath: bin });
    assert.deepEqual(c, { ok: true, command: onPath, source: 'setting' });

    // a wrong setting is an error that names the setting (no silent fallback)
    c = chooseServer({ settingPath: path.join(dir, 'nope'), extensionDir: ext, envPath: bin });
    assert.equal(c.ok, false);
    assert.match(!c.ok ? c.message : '', /byline\.server\.path.*does not exist/);

    // untrusted workspace: the setting is ignored
    c = chooseServer({ settingPath: path.join(dir, 'nope'), extensionDir: ext, envPath: bin, trusted: false });
    assert.equal(c.ok && c.source, 'bundled');

    // nothing anywhere
    fs.rmSync(bundled);
    c = chooseServer({ settingPath: '', extensionDir: ext, envPath: path.join(dir, 'empty') });
    assert.equal(c.ok, false);
    assert.match(!c.ok ? c.message : '', /no language server found.*PATH.*byline\.server\.path/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
