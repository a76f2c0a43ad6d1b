import { defineFunction } from '../common/define';
import { tree } from './tree';
import { create, remove, rename } from './write';

export const org = defineFunction('org', { actions: { tree, create, rename, remove } });
export const main = org.main;
