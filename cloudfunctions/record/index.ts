import { defineFunction } from '../common/define';
import { close, get, history, save } from './record';

export const record = defineFunction('record', { actions: { get, save, close, history } });
export const main = record.main;
