/**
 * WeChat mini programs have no fetch: wx.request wrapped as the FetchLike the client needs. The
 * same shape fits uni.request, my.request (Alipay, with `headers`) and Taro.request.
 */
import type { FetchLike } from './transport.js';

/** The part of wx.request's options the adapter uses. */
export interface WxRequestOptions {
  url: string;
  method: 'GET' | 'POST';
  header: Record<string, string>;
  data?: string;
  /** '其他' (other), as WeChat documents it: wx.request then hands back the raw text, which the client parses. */
  dataType: '其他';
  responseType: 'text';
  success(result: { statusCode: number; data: unknown }): void;
  fail(error: { errMsg: string }): void;
}

export type WxRequest = (options: WxRequestOptions) => unknown;

/** `createNianbaoClient({ endpoint, fetch: wechatFetch(wx.request) })`. */
export function wechatFetch(request: WxRequest): FetchLike {
  return (url, init) =>
    new Promise((resolve, reject) => {
      request({
        url,
        method: init.method === 'GET' ? 'GET' : 'POST',
        header: init.headers,
        ...(init.body === undefined ? {} : { data: init.body }),
        dataType: '其他',
        responseType: 'text',
        success: ({ statusCode, data }) => {
          const text = typeof data === 'string' ? data : JSON.stringify(data);
          resolve({ ok: statusCode >= 200 && statusCode < 300, status: statusCode, text: () => Promise.resolve(text) });
        },
        fail: ({ errMsg }) => reject(new Error(errMsg)),
      });
    });
}
