import { defineFunction } from '../common/define';
import { signIn } from './signIn';

export const user = defineFunction('user', { actions: { signIn } });
export const main = user.main;
