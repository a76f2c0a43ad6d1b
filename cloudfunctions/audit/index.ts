import { defineFunction } from '../common/define';
import { list } from './list';

export const audit = defineFunction('audit', { actions: { list } });
export const main = audit.main;
