/**
 * The colour-transfer methods a grade can be asked for. A module of its own, importing nothing
 * heavy, so the CLI can refuse a bad `--method` before the colour engine loads.
 */
import type { TransferMethod } from '../color/estimate-transfer.ts';

export const TRANSFER_METHODS: readonly TransferMethod[] = ['reinhard', 'mkl', 'auto'];
