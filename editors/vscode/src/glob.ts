// Glob patterns for `byline.include` / `byline.exclude` (no VS Code API here, so it is unit-tested).
//
// Syntax: `*` any run of characters but `/`, `?` one such character, `**` any number of folders
// (`**/` may match nothing), `{a,b}` alternatives, `[abc]` / `[!abc]` character classes.
// Paths use `/`; a pattern without `/` matches the file name in any folder (`*.txt` = `**/*.txt`).

const cache = new Map<string, RegExp>();

function escapeChar(c: string): string {
  return /[\\^$.*+?()[\]{}|/]/.test(c) ? '\\' + c : c;
}

function translate(p: string): string {
  let re = '';
  let i = 0;
  let braces = 0;
  while (i < p.length) {
    const c = p[i];
    if (c === '*') {
      if (p[i + 1] === '*') {
        // `**`: swallow further stars; `**/` matches zero or more whole folders
        while (p[i] === '*') i++;
        if (p[i] === '/') {
          re += '(?:[^/]*/)*';
          i++;
        } else {
          re += '.*';
        }
        continue;
      }
      re += '[^/]*';
    } else if (c === '?') {
      re += '[^/]';
    } else if (c === '[') {
      const end = p.indexOf(']', i + 2);
      if (end < 0) {
        re += '\\[';
      } else {
        let body = p.slice(i + 1, end);
        if (body.startsWith('!')) body = '^' + body.slice(1);
        re += '[' + body.replace(/\\/g, '\\\\') + ']';
        i = end;
      }
    } else if (c === '{') {
      braces++;
      re += '(?:';
    } else if (c === '}' && braces > 0) {
      braces--;
      re += ')';
    } else if (c === ',' && braces > 0) {
      re += '|';
    } else {
      re += escapeChar(c);
    }
    i++;
  }
  while (braces-- > 0) re += ')';
  return re;
}

/** The regular expression a glob stands for (anchored at both ends). */
export function globToRegExp(pattern: string): RegExp {
  let re = cache.get(pattern);
  if (!re) {
    let p = pattern.replace(/\\/g, '/').trim();
    if (p.startsWith('./')) p = p.slice(2);
    if (!p.includes('/')) p = '**/' + p;
    // a pattern naming a folder covers what is inside it
    const body = translate(p.endsWith('/') ? p + '**' : p);
    re = new RegExp('^' + body + '$', process.platform === 'win32' ? 'i' : '');
    cache.set(pattern, re);
  }
  return re;
}

/** Does `path` (relative to its workspace folder, or absolute, with `/`) match `pattern`? */
export function globMatch(pattern: string, path: string): boolean {
  const p = path.replace(/\\/g, '/');
  const re = globToRegExp(pattern);
  if (re.test(p)) return true;
  // absolute paths: let `**/x` match `/a/x` (the leading `/` makes an empty first segment)
  return p.startsWith('/') && re.test(p.slice(1));
}

/** Is a file at `path` annotated, given the include and exclude patterns? */
export function isIncluded(path: string, include: readonly string[], exclude: readonly string[]): boolean {
  const inc = include.length === 0 || include.some((g) => globMatch(g, path));
  return inc && !exclude.some((g) => globMatch(g, path));
}
