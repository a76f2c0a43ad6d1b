import { defineFunction } from '../common/define';
import { home } from './home';

export const branch = defineFunction('branch', { actions: { home } });
export const main = branch.main;
