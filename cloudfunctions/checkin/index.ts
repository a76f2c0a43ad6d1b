import { defineFunction } from '../common/define';
import { board, code, mark, resolve, submit, wxacode } from './checkin';

export const checkin = defineFunction('checkin', { actions: { code, wxacode, submit, resolve, mark, board } });
export const main = checkin.main;
