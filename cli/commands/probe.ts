/** `continuity probe VIDEO [--json]`: what a video file is. */
import type { CliCommand } from '../command.ts';
import { parseCommandArgs, exactlyOnePositional } from '../command.ts';
import { probe, type ProbeResult } from '../../core/media/probe.ts';

const help = `Usage: continuity probe VIDEO [--json]

Print what a video file is: duration, frame rate (and whether it varies), size, exact frame
count, codec, pixel format, rotation, audio.

Options:
  --json      machine-readable output
  -h, --help  this text

Exit codes: 0 ok, 1 failed work, 2 bad input (missing or unreadable file).`;

export function formatProbe(path: string, p: ProbeResult): string {
  return [
    `file:        ${path}`,
    `duration:    ${p.durationSeconds.toFixed(3)} s${p.containerDurationSeconds > p.durationSeconds + 0.001 ? ` (container ${p.containerDurationSeconds.toFixed(3)} s)` : ''}`,
    `frame rate:  ${Number(p.fps.toFixed(3))} fps${p.variableFrameRate ? ' (variable)' : ''}`,
    `size:        ${p.width}×${p.height}${p.rotation ? ` (rotation ${p.rotation}°)` : ''}`,
    `frames:      ${p.frameCount}`,
    `codec:       ${p.codec} ${p.pixelFormat}`,
    `audio:       ${p.hasAudio ? 'yes' : 'no'}`,
  ].join('\n');
}

export const command: CliCommand = {
  name: 'probe',
  summary: 'show a video\'s duration, frame rate, size, frame count, codec and audio',
  help,
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs('probe', argv, { json: { type: 'boolean' } });
    if (values.help) { io.out(help); return 0; }
    exactlyOnePositional('probe', positionals, 'VIDEO');
    const path = positionals[0]!;
    const result = await probe(path, { signal: io.signal });
    io.out(values.json ? JSON.stringify({ file: path, ...result }, null, 2) : formatProbe(path, result));
    return 0;
  },
};
