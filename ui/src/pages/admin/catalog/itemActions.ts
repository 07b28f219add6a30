/** The row actions every tab shares: 删除 (confirmed) and, for matters and bundles, 停用 / 恢复. */
import { ElMessage, ElMessageBox } from 'element-plus';
import { ref } from 'vue';
import type { Translate } from '../../../lib/format';
import { copyOf, todayIso } from './forms';
import type { CatalogStore } from './store';
import type { BundleInput, ItemKind, MatterInput } from './types';

export function useItemActions(store: CatalogStore, t: Translate) {
  /** `kind:code` of the row being worked on. */
  const busy = ref<string | null>(null);

  async function remove(kind: ItemKind, code: string, name: string): Promise<void> {
    try {
      await ElMessageBox.confirm(t('catalogAdmin.deleteConfirm', { name, code }), t('catalogAdmin.delete'), {
        type: 'warning',
        confirmButtonText: t('catalogAdmin.delete'),
        cancelButtonText: t('common.cancel'),
      });
    } catch {
      return;
    }
    busy.value = `${kind}:${code}`;
    const problem = await store.remove(kind, code);
    busy.value = null;
    if (problem) ElMessage.error(problem);
    else ElMessage.success(t('catalogAdmin.deleted', { name }));
  }

  /** 停用 (retired today) or 恢复 (no longer retired), saved into the draft. */
  async function setRetired(kind: 'matter' | 'bundle', item: MatterInput | BundleInput, retire: boolean): Promise<void> {
    if (retire) {
      try {
        await ElMessageBox.confirm(t('catalogAdmin.retireConfirm', { name: item.name }), t('catalogAdmin.retire'), {
          type: 'warning',
          confirmButtonText: t('catalogAdmin.retire'),
          cancelButtonText: t('common.cancel'),
        });
      } catch {
        return;
      }
    }
    const body = { ...copyOf(item), retired_on: retire ? todayIso() : null };
    busy.value = `${kind}:${item.code}`;
    const problem = kind === 'matter' ? await store.save('matter', item.code, body as MatterInput) : await store.save('bundle', item.code, body as BundleInput);
    busy.value = null;
    if (problem) ElMessage.error(problem);
    else ElMessage.success(retire ? t('catalogAdmin.retired', { name: item.name }) : t('catalogAdmin.restored', { name: item.name }));
  }

  return { busy, remove, setRetired };
}
