import { defineFunction } from '../common/define';
import { home } from './home';
import { todo } from './todo';

export const branch = defineFunction('branch', { actions: { home, todo } });
export const main = branch.main;
