import { defineFunction } from '../common/define';
import { cancel, create, detail, list, update } from './activity';

export const activity = defineFunction('activity', { actions: { create, update, cancel, list, detail } });
export const main = activity.main;
