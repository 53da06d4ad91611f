// Issue 12 item 17: paths and arguments quoted in messages reach stderr neutralised.
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers.js';

const RAW = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e]/;

describe('messages on stderr', () => {
  it('neutralise an escape sequence in a --write argument', () => {
    const run = runCli(['check', '--rules', 'rules/south-east.yaml', '--write', 'nope=out\u001b]52;c;eA==\u0007', 'fixtures/example/kent.csv']);
    expect(run.code).toBe(2);
    expect(run.stderr).not.toMatch(RAW);
    expect(run.stderr).toContain('\\x1B]52');
  });

  it('neutralise a bidi override and a zero-width joiner in a file name', () => {
    const run = runCli(['check', '--rules', 'rules/south-east.yaml', '--as-of', '2025-11-30', '--format', 'json', 'no\u202esuch\u200d.csv']);
    expect(run.stderr).not.toMatch(RAW);
    expect(run.stderr + run.stdout).not.toContain('\u202e');
  });
});
