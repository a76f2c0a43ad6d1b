import tcb from '@cloudbase/node-sdk';
import { functionConfig } from './config';
import { jsonLogger } from './logs';
import type { OpenApi, Platform, Storage, SubscribeMessage } from './platform';

type App = ReturnType<typeof tcb.init>;
let app: App | undefined;

function cloud(): App {
  app ??= tcb.init({ env: tcb.SYMBOL_CURRENT_ENV });
  return app;
}

async function wx<T>(apiName: string, requestData: unknown): Promise<T> {
  const res = await cloud().callWxOpenApi({ apiName, requestData });
  const result = (res as { result?: unknown }).result;
  return (typeof result === 'string' ? JSON.parse(result) : result) as T;
}

const openapi: OpenApi = {
  async getUnlimitedQRCode({ scene, page, width }) {
    const res = await cloud().callWxOpenApi({ apiName: '/wxa/getwxacodeunlimit', requestData: { scene, page, width, check_path: false } });
    const buffer = Buffer.from((res as { result?: Buffer }).result ?? Buffer.alloc(0));
    return { contentType: 'image/png', buffer };
  },
  async sendSubscribeMessage(msg: SubscribeMessage) {
    await wx('/cgi-bin/message/subscribe/send', { touser: msg.touser, template_id: msg.templateId, page: msg.page, data: msg.data });
  },
  async checkText({ content, openid, scene }) {
    const r = await wx<{ result?: { suggest?: string; label?: number } }>('/wxa/msg_sec_check', { content, openid, scene, version: 2 });
    return { pass: r.result?.suggest === 'pass', label: r.result?.label?.toString() };
  },
  async createActivityId({ openid }) {
    const r = await wx<{ activity_id: string; expiration_time: number }>('/cgi-bin/message/wxopen/activityid/create', { openid });
    return { activityId: r.activity_id, expirationTime: r.expiration_time };
  },
  async setUpdatableMsg({ activityId, targetState, parameters }) {
    await wx('/cgi-bin/message/wxopen/updatablemsg/send', {
      activity_id: activityId,
      target_state: targetState,
      template_info: { parameter_list: parameters },
    });
  },
  // The platform only replaces CloudIDs in top-level callFunction fields, and ours travel inside
  // `data`; so the function asks WeChat itself (getopendata, a cloud call, no access_token needed).
  async resolveCloudID(cloudID: string) {
    const r = await wx<{ errcode?: number; errmsg?: string; data_list?: { cloud_id: string; json: string | object }[] }>(
      '/wxa/getopendata',
      {
        cloudid_list: [cloudID],
      },
    );
    const item = r.data_list?.find((d) => d.cloud_id === cloudID);
    if (!item) throw new Error(`getopendata: ${r.errcode ?? ''} ${r.errmsg ?? 'no data for the CloudID'}`);
    const json = (typeof item.json === 'string' ? JSON.parse(item.json) : item.json) as { data?: Record<string, unknown> };
    return json.data ?? {};
  },
};

/** node-sdk's storage in the shape the handlers use; temp URLs always carry their maxAge. */
function storage(a: App): Storage {
  return {
    uploadFile: ({ cloudPath, fileContent }) => a.uploadFile({ cloudPath, fileContent }),
    downloadFile: async ({ fileID }) => {
      const { fileContent } = await a.downloadFile({ fileID });
      return { fileContent: typeof fileContent === 'string' ? Buffer.from(fileContent) : fileContent };
    },
    deleteFile: ({ fileList }) => a.deleteFile({ fileList }),
    getTempFileURL: ({ fileList, maxAge }) => a.getTempFileURL({ fileList: fileList.map((fileID) => ({ fileID, maxAge })) }),
  };
}

export function cloudbasePlatform(): Platform {
  const a = cloud();
  return {
    db: () => a.database(),
    keys: () => functionConfig().keys(),
    templates: () => functionConfig().templates,
    storage: () => storage(a),
    openapi: () => openapi,
    now: () => new Date(),
    log: jsonLogger,
  };
}
