import { defineFunction } from '../common/define';
import { cancel, join, leave, review } from './signup';

export const signup = defineFunction('signup', { actions: { join, cancel, leave, review } });
export const main = signup.main;
