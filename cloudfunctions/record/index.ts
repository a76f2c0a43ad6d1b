import { defineFunction } from '../common/define';
import { close, get, history, save } from './record';
import { exportRecord, ledger } from './sheets';

export const record = defineFunction('record', { actions: { get, save, close, export: exportRecord, ledger, history } });
export const main = record.main;
