import { defineFunction } from '../common/define';
import { search } from './search';
import { tree } from './tree';
import { create, remove, rename, setContact } from './write';

export const org = defineFunction('org', { actions: { tree, create, rename, setContact, remove, search } });
export const main = org.main;
