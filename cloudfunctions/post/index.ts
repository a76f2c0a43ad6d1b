import { defineFunction } from '../common/define';
import { comment, comments, hideComment } from './comments';
import { correct, create, draft, drafts, publish, returnPost, submit, update, versions, withdraw } from './editor';
import { confirm, detail, feed, like, list, share } from './reading';
import { receipts, remind, trends } from './receipts';

export const post = defineFunction('post', {
  actions: {
    create,
    update,
    submit,
    publish,
    return: returnPost,
    correct,
    withdraw,
    drafts,
    draft,
    versions,
    feed,
    list,
    detail,
    confirm,
    share,
    like,
    comment,
    comments,
    hideComment,
    receipts,
    remind,
    trends,
  },
});
export const main = post.main;
