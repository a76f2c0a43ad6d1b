import { defineFunction } from '../common/define';
import { advance, due, history } from './lifecycle';

export const lifecycle = defineFunction('lifecycle', { actions: { advance, history, due } });
export const main = lifecycle.main;
