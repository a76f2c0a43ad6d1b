import { defineFunction } from '../common/define';
import { exportLedger, ledger, member, mine, pay, payMonth, remind, revoke, setRate } from './dues';

export const dues = defineFunction('dues', {
  actions: { mine, ledger, member, setRate, pay, payMonth, revoke, export: exportLedger },
  timers: { remind },
});
export const main = dues.main;
