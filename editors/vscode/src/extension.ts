// The byline extension: starts the byline language server for plain-text and Markdown files and
// hands it VS Code's `byline.*` settings. All the language features come from the server.

import * as vscode from 'vscode';
import {
  DidChangeConfigurationNotification,
  DocumentSelector,
  LanguageClient,
  LanguageClientOptions,
  Middleware,
  RevealOutputChannelOn,
  ServerOptions,
  State,
} from 'vscode-languageclient/node';
import { chooseServer, RESTART_KEYS, ServerChoice, serverSettings } from './config';
import { isIncluded } from './glob';

const SELECTOR: DocumentSelector = [
  { scheme: 'file', language: 'plaintext' },
  { scheme: 'file', language: 'markdown' },
  { scheme: 'untitled', language: 'plaintext' },
  { scheme: 'untitled', language: 'markdown' },
  // the workspace's configuration file: the server checks it and reports mistakes in it
  { scheme: 'file', pattern: '**/byline.toml' },
];

let client: LanguageClient | undefined;
let output: vscode.OutputChannel;
let status: vscode.LanguageStatusItem;
let queue: Promise<void> = Promise.resolve();

function config(): vscode.WorkspaceConfiguration {
  return vscode.workspace.getConfiguration('byline');
}

function log(msg: string): void {
  output.appendLine(`[${new Date().toLocaleTimeString()}] ${msg}`);
}

/** Does byline annotate this document (`byline.include` / `byline.exclude`)? */
function annotated(uri: vscode.Uri): boolean {
  if (uri.scheme === 'untitled') return true;
  if (uri.path.endsWith('/byline.toml')) return true;
  const cfg = config();
  const rel = vscode.workspace.asRelativePath(uri, false);
  return isIncluded(rel, cfg.get<string[]>('include', ['**']), cfg.get<string[]>('exclude', []));
}

/** Keep excluded files away from the server: not synchronised, no requests about them. */
function middleware(): Middleware {
  const m: Record<string, unknown> = {
    didOpen: (doc: vscode.TextDocument, next: (d: vscode.TextDocument) => Promise<void>) =>
      annotated(doc.uri) ? next(doc) : Promise.resolve(),
    didChange: (ev: vscode.TextDocumentChangeEvent, next: (e: vscode.TextDocumentChangeEvent) => Promise<void>) =>
      annotated(ev.document.uri) ? next(ev) : Promise.resolve(),
    didSave: (doc: vscode.TextDocument, next: (d: vscode.TextDocument) => Promise<void>) =>
      annotated(doc.uri) ? next(doc) : Promise.resolve(),
    didClose: (doc: vscode.TextDocument, next: (d: vscode.TextDocument) => Promise<void>) =>
      annotated(doc.uri) ? next(doc) : Promise.resolve(),
    willSave: (ev: vscode.TextDocumentWillSaveEvent, next: (e: vscode.TextDocumentWillSaveEvent) => Promise<void>) =>
      annotated(ev.document.uri) ? next(ev) : Promise.resolve(),
    willSaveWaitUntil: (
      ev: vscode.TextDocumentWillSaveEvent,
      next: (e: vscode.TextDocumentWillSaveEvent) => Thenable<vscode.TextEdit[]>,
    ) => (annotated(ev.document.uri) ? next(ev) : Promise.resolve([])),
  };
  // Every request about a document takes the document first and `next` last.
  const perDocument = [
    'provideHover',
    'provideDefinition',
    'provideReferences',
    'provideDocumentHighlights',
    'provideDocumentSymbols',
    'provideFoldingRanges',
    'provideCodeActions',
    'provideCodeLenses',
    'provideDocumentLinks',
    'provideCompletionItem',
    'provideSignatureHelp',
    'provideInlayHints',
    'provideSelectionRanges',
    'provideDocumentFormattingEdits',
    'provideDocumentRangeFormattingEdits',
    'prepareRename',
    'provideRenameEdits',
  ];
  for (const name of perDocument) {
    m[name] = (doc: vscode.TextDocument, ...rest: unknown[]) => {
      const next = rest[rest.length - 1] as (...a: unknown[]) => unknown;
      return annotated(doc.uri) ? next(doc, ...rest.slice(0, -1)) : undefined;
    };
  }
  return m as Middleware;
}

function setStatus(text: string, severity: vscode.LanguageStatusSeverity, detail?: string): void {
  status.text = text;
  status.severity = severity;
  status.detail = detail;
}

/** The Settings editor on byline.server.path (a machine setting: the Remote tab in remote windows). */
async function openServerPathSetting(): Promise<void> {
  const cmd = vscode.env.remoteName ? 'workbench.action.openRemoteSettings' : 'workbench.action.openSettings';
  await vscode.commands.executeCommand(cmd, { query: 'byline.server.path' });
}

async function notifyNoServer(choice: Extract<ServerChoice, { ok: false }>): Promise<void> {
  log(choice.message);
  setStatus('byline: no server', vscode.LanguageStatusSeverity.Error, 'see the byline output');
  const pick = await vscode.window.showErrorMessage(choice.message, 'Open Settings', 'Show Output');
  if (pick === 'Open Settings') {
    await openServerPathSetting();
  } else if (pick === 'Show Output') {
    output.show(true);
  }
}

async function start(ctx: vscode.ExtensionContext): Promise<void> {
  const cfg = config();
  if (!cfg.get<boolean>('enable', true)) {
    log('byline.enable is off: the server is not started.');
    setStatus('byline: off', vscode.LanguageStatusSeverity.Information, 'byline.enable is off');
    return;
  }
  const choice = chooseServer({
    settingPath: cfg.get<string>('server.path', ''),
    extensionDir: ctx.extensionPath,
    workspaceFolder: vscode.workspace.workspaceFolders?.[0]?.uri.fsPath,
    trusted: vscode.workspace.isTrusted,
  });
  if (!choice.ok) {
    void notifyNoServer(choice);
    return;
  }
  log(`starting ${choice.command} --stdio (from ${choice.source === 'setting' ? 'byline.server.path' : choice.source})`);
  const serverOptions: ServerOptions = {
    run: { command: choice.command, args: ['--stdio'] },
    debug: { command: choice.command, args: ['--stdio'] },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: SELECTOR,
    initializationOptions: serverSettings((k) => cfg.get(k)),
    outputChannel: output,
    traceOutputChannel: output,
    revealOutputChannelOn: RevealOutputChannelOn.Never,
    diagnosticCollectionName: 'byline',
    middleware: middleware(),
    markdown: { isTrusted: false, supportHtml: false },
  };
  const c = new LanguageClient('byline', 'byline', serverOptions, clientOptions);
  c.onDidChangeState((e) => {
    if (e.newState === State.Running) {
      const info = c.initializeResult?.serverInfo;
      const version = info?.version ? ` ${info.version}` : '';
      setStatus(`byline${version}`, vscode.LanguageStatusSeverity.Information, `server: ${choice.command}`);
    } else if (e.newState === State.Stopped) {
      setStatus('byline: stopped', vscode.LanguageStatusSeverity.Warning, 'run "byline: Restart Server"');
    }
  });
  client = c;
  try {
    await c.start();
    log(`server running: ${JSON.stringify(c.initializeResult?.serverInfo ?? {})}`);
  } catch (err) {
    client = undefined;
    const msg = `byline: the server ${choice.command} failed to start: ${err instanceof Error ? err.message : String(err)}. Check "byline.server.path", or reinstall the extension for your platform.`;
    log(msg);
    setStatus('byline: failed', vscode.LanguageStatusSeverity.Error, msg);
    const pick = await vscode.window.showErrorMessage(msg, 'Show Output', 'Open Settings');
    if (pick === 'Show Output') output.show(true);
    if (pick === 'Open Settings') await openServerPathSetting();
  }
}

async function stop(): Promise<void> {
  const c = client;
  client = undefined;
  if (c) {
    try {
      await c.stop(5000);
    } catch (err) {
      log(`stopping the server: ${String(err)}`);
    }
  }
}

/** Run lifecycle changes one at a time, in order. */
function serially(job: () => Promise<void>): Promise<void> {
  queue = queue.then(job, job);
  return queue;
}

export async function activate(ctx: vscode.ExtensionContext): Promise<void> {
  output = vscode.window.createOutputChannel('byline');
  status = vscode.languages.createLanguageStatusItem('byline.status', SELECTOR as vscode.DocumentSelector);
  status.name = 'byline';
  status.command = { command: 'byline.showOutput', title: 'Show Output' };
  setStatus('byline', vscode.LanguageStatusSeverity.Information);
  log(`byline extension ${String(ctx.extension.packageJSON.version)} in ${vscode.env.appName} ${vscode.version} (${vscode.env.appHost}${vscode.env.remoteName ? ', remote ' + vscode.env.remoteName : ''})`);
  ctx.subscriptions.push(
    output,
    status,
    vscode.commands.registerCommand('byline.restartServer', () =>
      serially(async () => {
        log('restarting the server');
        await stop();
        await start(ctx);
      }),
    ),
    vscode.commands.registerCommand('byline.showOutput', () => output.show(true)),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration('byline')) return;
      if (RESTART_KEYS.some((k) => e.affectsConfiguration(`byline.${k}`))) {
        void serially(async () => {
          log('settings changed: restarting the server');
          await stop();
          await start(ctx);
        });
        return;
      }
      const c = client;
      if (c && c.state === State.Running) {
        const settings = serverSettings((k) => config().get(k));
        void c.sendNotification(DidChangeConfigurationNotification.type, { settings: { byline: settings } });
      }
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      if (config().get<string>('server.path', '') !== '') {
        void serially(async () => {
          await stop();
          await start(ctx);
        });
      }
    }),
  );
  await serially(() => start(ctx));
}

export function deactivate(): Promise<void> {
  return serially(stop);
}
