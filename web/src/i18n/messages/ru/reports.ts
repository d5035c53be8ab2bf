// The district report pack (issue 13).
import type { Part } from '../en/index.js';
import type { reports as en } from '../en/reports.js';

export const reports: Part<typeof en> = {
  'reports.title': 'Районные отчёты',
  'reports.intro':
    'Отчёт к районному круглому столу: реестр района за период, замороженный, в PDF (на кыргызском или русском) и в книге Excel. В PDF напечатан хэш, чтобы цифры можно было проверить позже.',
  'reports.staffOnly':
    'Отчёты составляют фасилитаторы и администраторы программы. Попросите у фасилитатора последний отчёт по вашему району.',
  'reports.build': 'Составить районный отчёт',
  'reports.district': 'Район',
  'reports.chooseDistrict': 'Выберите район',
  'reports.from': 'С (включительно)',
  'reports.to': 'По (включительно)',
  'reports.language': 'Язык отчёта',
  'reports.lang.ky': 'Кыргызский',
  'reports.lang.ru': 'Русский',
  'reports.submit': 'Составить',
  'reports.submitting': 'Отправка…',
  'reports.periodWrong': 'Конец периода не может быть раньше начала.',
  'reports.needDistrict': 'Выберите район.',
  'reports.list': 'Отчёты',
  'reports.none': 'Отчётов пока нет.',
  'reports.loading': 'Загрузка отчётов…',
  'reports.status.pending': 'Ждёт в очереди',
  'reports.status.building': 'Составляется',
  'reports.status.ready': 'Готов',
  'reports.status.failed': 'Ошибка',
  'reports.step': 'Шаг {step} из {of}: {name}',
  'reports.stepName.queued': 'в очереди',
  'reports.stepName.snapshot': 'чтение реестра',
  'reports.stepName.chart': 'построение диаграммы',
  'reports.stepName.pdf': 'создание PDF',
  'reports.stepName.xlsx': 'создание книги Excel',
  'reports.stepName.store': 'сохранение',
  'reports.stepName.done': 'готово',
  'reports.progressLabel': 'Ход составления отчёта',
  'reports.downloadPdf': 'Скачать PDF',
  'reports.downloadXlsx': 'Скачать XLSX',
  'reports.downloading': 'Скачивание…',
  'reports.hash': 'Хэш снимка (SHA-256)',
  'reports.size': '{size} КБ',
  'reports.failedBecause': 'Отчёт не составлен: {reason}',
  'reports.offline':
    'Нет связи: ход составления обновится, когда связь вернётся. Составить отчёт можно только при подключении.',
  'reports.requested': 'Запрошен {when}',
};
