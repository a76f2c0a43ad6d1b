import { defineFunction } from '../common/define';
import { cancel, join, leave, remind, review } from './signup';

export const signup = defineFunction('signup', { actions: { join, cancel, leave, remind, review } });
export const main = signup.main;
