export * from './errors.ts';
export * from './look.ts';
export * from './canon.ts';
export * from './shot.ts';
export * from './prompt-pack.ts';
