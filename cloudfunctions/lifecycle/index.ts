import { defineFunction } from '../common/define';
import { advance, due, history, mine } from './lifecycle';

export const lifecycle = defineFunction('lifecycle', { actions: { advance, history, mine, due } });
export const main = lifecycle.main;
