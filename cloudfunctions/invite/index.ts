import { defineFunction } from '../common/define';
import { create, list, open, qrcode, revoke } from './invite';

export const invite = defineFunction('invite', { actions: { create, qrcode, open, revoke, list } });
export const main = invite.main;
