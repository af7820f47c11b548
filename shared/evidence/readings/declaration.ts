import { DomainError } from '../../errors';
import type { CategoryDefinition, FileKind } from '../categories';
import type { UploadRequest } from '../model';
import { isRead } from './read-kinds';

/**
 * What an invoice's declaration must say (issue 15). A form the platform reads (XML, OFD, PDF) names
 * its own number, so typing one is optional (a typed one is kept, and a difference noted); a scan
 * (an image of a paper invoice) is not read, so its number must be typed. Only invoices carry a
 * number and a budget line.
 */
export function assertInvoiceDeclaration(request: Pick<UploadRequest, 'category' | 'invoiceNumber' | 'budgetLine'>, category: CategoryDefinition, kind: FileKind | undefined): void {
  const issue = (path: string, message: string) => new DomainError('VALIDATION_FAILED', { issues: [{ path, message }] });
  if (!category.invoiceNumber) {
    if (request.invoiceNumber !== undefined) throw issue('invoiceNumber', '只有发票填写发票号码');
    if (request.budgetLine !== undefined) throw issue('budgetLine', '只有发票填写对应的经费使用计划类别');
    return;
  }
  if (request.invoiceNumber === undefined && kind !== undefined && !isRead(request.category, kind)) throw issue('invoiceNumber', '扫描件发票须填写发票号码');
}
