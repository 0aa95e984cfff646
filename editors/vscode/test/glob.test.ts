import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { globMatch, isIncluded } from '../src/glob';

test('a pattern without a slash matches the file name in any folder', () => {
  assert.ok(globMatch('*.txt', 'story.txt'));
  assert.ok(globMatch('*.txt', 'drafts/2024/story.txt'));
  assert.ok(!globMatch('*.txt', 'story.md'));
});

test('** matches zero or more folders', () => {
  assert.ok(globMatch('**/README*', 'README.md'));
  assert.ok(globMatch('**/README*', 'docs/README.txt'));
  assert.ok(globMatch('**/README*', '/home/ana/notes/README'));
  assert.ok(globMatch('drafts/**', 'drafts/a/b.txt'));
  assert.ok(!globMatch('drafts/**', 'published/a.txt'));
  assert.ok(globMatch('**', 'anything/at/all.md'));
  assert.ok(globMatch('**/node_modules/**', 'a/node_modules/x/readme.md'));
});

test('* and ? stay inside one folder', () => {
  assert.ok(globMatch('drafts/*.md', 'drafts/a.md'));
  assert.ok(!globMatch('drafts/*.md', 'drafts/x/a.md'));
  assert.ok(globMatch('draft-?.txt', 'draft-1.txt'));
  assert.ok(!globMatch('draft-?.txt', 'draft-12.txt'));
});

test('braces and classes', () => {
  assert.ok(globMatch('**/*.{txt,md}', 'a/b.md'));
  assert.ok(globMatch('**/*.{txt,md}', 'b.txt'));
  assert.ok(!globMatch('**/*.{txt,md}', 'b.log'));
  assert.ok(globMatch('[a-c]*.txt', 'beta.txt'));
  assert.ok(!globMatch('[!a-c]*.txt', 'beta.txt'));
});

test('regex metacharacters in patterns are literal', () => {
  assert.ok(globMatch('notes (old).txt', 'x/notes (old).txt'));
  assert.ok(!globMatch('a.txt', 'abtxt'));
});

test('include and exclude decide together; Windows separators are accepted', () => {
  const exclude = ['**/README*', '**/*.log'];
  assert.ok(isIncluded('stories/fire.txt', ['**'], exclude));
  assert.ok(!isIncluded('README.md', ['**'], exclude));
  assert.ok(!isIncluded('logs/server.log', ['**'], exclude));
  assert.ok(!isIncluded('stories/fire.txt', ['drafts/**'], []));
  assert.ok(isIncluded('drafts\\fire.txt', ['drafts/**'], []));
  assert.ok(isIncluded('x.txt', [], []), 'no include patterns = everything');
});
