import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createLogger, redact, registerSecret, setLogLevel, setLogSink } from '../../core/log/logger.ts';

test('logger redacts registered secrets and key-shaped strings', () => {
  const lines: string[] = [];
  setLogSink((l) => lines.push(l));
  setLogLevel('info');
  registerSecret('canary-secret-123456');
  createLogger('t').info('key canary-secret-123456 and sk-abcdefghijklmnop', { apiKey: 'plain' });
  assert.equal(lines.length, 1);
  assert.doesNotMatch(lines[0]!, /canary-secret|sk-abcdefgh|plain/);
  assert.match(redact('r8_ABCDEFGHIJKL'), /\[redacted\]/);
});
