import { defineFunction } from '../common/define';
import { apply, cancel, inbox, mine, review } from './join';

export const join = defineFunction('join', { actions: { apply, mine, cancel, inbox, review } });
export const main = join.main;
