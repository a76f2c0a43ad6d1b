import { defineFunction } from '../common/define';
import { consent, deleteMine, exportMine, status, withdraw } from './privacy';

export const privacy = defineFunction('privacy', { actions: { status, consent, withdraw, exportMine, deleteMine } });
export const main = privacy.main;
