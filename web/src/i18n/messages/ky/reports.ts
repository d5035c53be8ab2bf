// The district report pack (issue 13).
import type { Part } from '../en/index.js';
import type { reports as en } from '../en/reports.js';

export const reports: Part<typeof en> = {
  'reports.title': 'Райондук отчеттор',
  'reports.intro':
    'Райондук тегерек стол үчүн отчет: райондун бир мезгилдеги реестри тоңдурулуп, PDF (кыргызча же орусча) жана Excel китеби түрүндө даярдалат. PDFке хэш басылат, ошондуктан сандарды кийин текшерүүгө болот.',
  'reports.staffOnly':
    'Отчетторду программанын фасилитаторлору жана администраторлору түзөт. Райондун акыркы отчетун фасилитатордон сураңыз.',
  'reports.build': 'Райондук отчетту түзүү',
  'reports.district': 'Район',
  'reports.chooseDistrict': 'Районду тандаңыз',
  'reports.from': 'Башталган күн',
  'reports.to': 'Акыркы күн (кошо эсептелет)',
  'reports.language': 'Отчеттун тили',
  'reports.lang.ky': 'Кыргызча',
  'reports.lang.ru': 'Орусча',
  'reports.submit': 'Түзүү',
  'reports.submitting': 'Жөнөтүлүүдө…',
  'reports.periodWrong': 'Аягы башталышынан мурун болбошу керек.',
  'reports.needDistrict': 'Районду тандаңыз.',
  'reports.list': 'Отчеттор',
  'reports.none': 'Азырынча отчет түзүлгөн жок.',
  'reports.loading': 'Отчеттор жүктөлүүдө…',
  'reports.status.pending': 'Кезекте күтүүдө',
  'reports.status.building': 'Түзүлүүдө',
  'reports.status.ready': 'Даяр',
  'reports.status.failed': 'Ката кетти',
  'reports.step': '{of} кадамдын {step}-кадамы: {name}',
  'reports.stepName.queued': 'кезекте',
  'reports.stepName.snapshot': 'реестр окулууда',
  'reports.stepName.chart': 'диаграмма тартылууда',
  'reports.stepName.pdf': 'PDF жазылууда',
  'reports.stepName.xlsx': 'Excel китеби жазылууда',
  'reports.stepName.store': 'сакталууда',
  'reports.stepName.done': 'бүттү',
  'reports.progressLabel': 'Отчеттун даярдалышы',
  'reports.downloadPdf': 'PDF жүктөп алуу',
  'reports.downloadXlsx': 'XLSX жүктөп алуу',
  'reports.downloading': 'Жүктөлүүдө…',
  'reports.hash': 'Кесиндинин хэши (SHA-256)',
  'reports.size': '{size} КБ',
  'reports.failedBecause': 'Отчет түзүлгөн жок: {reason}',
  'reports.offline':
    'Интернет жок: байланыш калыбына келгенде абалы жаңыланат. Отчетту интернет бар кезде гана түзүүгө болот.',
  'reports.requested': 'Суралды: {when}',
};
