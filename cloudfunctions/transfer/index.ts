import { defineFunction } from '../common/define';
import { inbox, initiate, mine, request, review } from './transfer';

export const transfer = defineFunction('transfer', { actions: { request, initiate, review, inbox, mine } });
export const main = transfer.main;
