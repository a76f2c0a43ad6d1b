import { defineFunction } from '../common/define';
import { bind, enter, list, unbind } from './group';

export const group = defineFunction('group', { actions: { bind, unbind, list, enter } });
export const main = group.main;
