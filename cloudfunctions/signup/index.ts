import { defineFunction } from '../common/define';
import { cancel, join, leave, remind, review, withdrawLeave } from './signup';

export const signup = defineFunction('signup', { actions: { join, cancel, leave, withdrawLeave, remind, review } });
export const main = signup.main;
