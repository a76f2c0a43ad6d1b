import { defineFunction } from '../common/define';
import { setName, signIn } from './signIn';

export const user = defineFunction('user', { actions: { signIn, setName } });
export const main = user.main;
