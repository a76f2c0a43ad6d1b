import { defineFunction } from '../common/define';
import { cancel, create, detail, list, update } from './activity';
import { audienceOptions } from './audience';
import { share } from './share';
import { tick } from './tick';

export const activity = defineFunction('activity', {
  actions: { create, update, cancel, list, detail, audienceOptions, share },
  timers: { tick },
});
export const main = activity.main;
