import { defineFunction } from '../common/define';
import { board, code, mark, resolve, submit } from './checkin';

export const checkin = defineFunction('checkin', { actions: { code, submit, resolve, mark, board } });
export const main = checkin.main;
