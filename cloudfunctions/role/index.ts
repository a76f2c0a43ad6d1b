import { defineFunction } from '../common/define';
import { set } from './set';

export const role = defineFunction('role', { actions: { set } });
export const main = role.main;
