import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { Button, SearchBar } from '@nutui/nutui-react-taro';
import { DIFFICULTY_LABEL, QUESTION_TYPE_LABEL, QUESTION_TYPES, type QuestionRow, type QuestionType } from '../../../../../typings/exam';
import { pageUrl } from '../../../../../typings/pages';
import { answerText } from '../../../../components/graded-question';
import { ListState } from '../../../../components/list-state';
import { LoadMore } from '../../../../components/load-more';
import { PrivacyPrompt } from '../../../../components/privacy-prompt';
import { api, ApiError } from '../../../../services/api';
import { usePageClass } from '../../../../services/care';
import { openSpreadsheet, pickXlsx, upload } from '../../../../services/files';
import { useAction } from '../../../../services/useAction';
import { usePaged } from '../../../../services/usePaged';
import { Choices } from '../../../../components/choices';

/** The right answer of a bank question, as the list shows it (options in the editor's order). */
const keyOf = (q: QuestionRow) =>
  q.type === 'blank'
    ? q.blanks.map((b) => b.join(' / ')).join('；')
    : answerText({ type: q.type, options: q.type === 'judge' ? ['正确', '错误'] : q.options }, { choice: q.answer });

/** 题库: a unit's questions, added one by one or imported from Excel (all rows or none), and exported. */
export default function BankPage() {
  const pageClass = usePageClass();
  const { orgId = '' } = useRouter().params;
  const [type, setType] = useState<QuestionType | 'all'>('all');
  const [q, setQ] = useState('');
  const [query, setQuery] = useState('');
  const [total, setTotal] = useState<number | null>(null);
  const [issues, setIssues] = useState<{ message: string; issues: string[] } | null>(null);
  const files = useAction();
  const list = usePaged(
    async (cursor) => {
      const page = await api.exam.bank({
        orgId,
        ...(type !== 'all' ? { type } : {}),
        ...(query ? { q: query } : {}),
        ...(cursor ? { cursor } : {}),
      });
      setTotal(page.total);
      return page;
    },
    [orgId, type, query],
  );

  async function importFile() {
    const file = await pickXlsx();
    if (!file) return;
    setIssues(null);
    await files.run(async () => {
      try {
        const fileID = await upload(file, ['xlsx']);
        const { imported } = await api.exam.import({ orgId, fileID });
        void Taro.showToast({ title: `已导入 ${imported} 题`, icon: 'none' });
        await list.reload();
      } catch (e) {
        // A refused sheet is an outcome to show in full: every bad row, by its number.
        if (e instanceof ApiError && e.code === 'INVALID_INPUT') setIssues({ message: e.message, issues: e.issues ?? [] });
        else throw e;
      }
    });
  }

  return (
    <View className={pageClass}>
      <PrivacyPrompt />
      <View className='zb-actions'>
        <Button
          id='bank-add'
          type='primary'
          size='large'
          block
          onClick={() => void Taro.navigateTo({ url: pageUrl('questionEdit', { orgId }) })}
        >
          新增题目
        </Button>
        <Button id='bank-import' size='large' block loading={files.busy} onClick={() => void importFile()}>
          从 Excel 导入
        </Button>
        <Button
          id='bank-template'
          size='large'
          block
          onClick={() => void files.run(async () => openSpreadsheet((await api.exam.importTemplate({ orgId })).url))}
        >
          下载导入模板
        </Button>
        <Button
          id='bank-export'
          size='large'
          block
          onClick={() => void files.run(async () => openSpreadsheet((await api.exam.exportBank({ orgId })).url))}
        >
          导出题库
        </Button>
        {files.error && <Text className='zb-error'>{files.error}</Text>}
      </View>
      {issues && (
        <View className='zb-card zb-stack' id='bank-import-failed'>
          <Text className='zb-title'>{issues.message}</Text>
          <Text className='zb-muted'>请修改下列问题后重新选择文件。</Text>
          {issues.issues.map((i) => (
            <Text key={i} className='zb-quote'>
              {i}
            </Text>
          ))}
        </View>
      )}
      <View className='zb-card zb-stack'>
        <Choices
          id='bank-type'
          options={[['all', '全部'], ...QUESTION_TYPES.map((t): [QuestionType, string] => [t, QUESTION_TYPE_LABEL[t]])]}
          value={type}
          onChange={setType}
        />
        <SearchBar placeholder='搜索题干' value={q} onChange={setQ} onSearch={(v) => setQuery(v.trim())} onClear={() => setQuery('')} />
        {total !== null && <Text className='zb-muted'>共 {total} 题</Text>}
      </View>
      <ListState id='bank-list' items={list.items} error={list.error} onRetry={() => void list.reload()} />
      {list.items?.length === 0 && (
        <View className='zb-card'>
          <Text className='zb-muted'>
            {query || type !== 'all' ? '没有符合条件的题目' : '题库还是空的：新增题目，或下载模板填好后导入。'}
          </Text>
        </View>
      )}
      {list.items?.map((x) => (
        <View
          key={x.id}
          className='zb-card zb-stack'
          id={`bank-q-${x.id}`}
          onClick={() => void Taro.navigateTo({ url: pageUrl('questionEdit', { orgId, id: x.id }) })}
        >
          <View className='zb-row'>
            <Text className='zb-tag'>{QUESTION_TYPE_LABEL[x.type]}</Text>
            <Text className='zb-muted'>
              {DIFFICULTY_LABEL[x.difficulty]}
              {x.tags.length ? ` · ${x.tags.join('、')}` : ''}
            </Text>
          </View>
          <Text>{x.stem}</Text>
          <Text className='zb-muted'>答案：{keyOf(x)}</Text>
        </View>
      ))}
      <LoadMore cursor={list.cursor} busy={list.busy} onMore={() => void list.more()} />
    </View>
  );
}
