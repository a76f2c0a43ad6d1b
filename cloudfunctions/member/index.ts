import { defineFunction } from '../common/define';
import { exportMembers, importMembers, importTemplate } from './excel';
import { list } from './list';

export const member = defineFunction('member', { actions: { list, export: exportMembers, importTemplate, import: importMembers } });
export const main = member.main;
