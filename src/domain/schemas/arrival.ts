import { z } from 'zod';

/**
 * 接收登记: how a package reached the acceptance centre (or the Ministry), what it contained, and
 * whether it arrived after the deadline (computed by the server from the deadline in force).
 */
export const ARRIVAL_METHODS = ['confidential_exchange', 'post', 'in_person', 'electronic'] as const;
export type ArrivalMethod = (typeof ARRIVAL_METHODS)[number];
export const arrivalMethodLabels: Record<ArrivalMethod, string> = {
  confidential_exchange: '机要交换',
  post: '邮寄',
  in_person: '现场递交',
  electronic: '电子',
};

const copies = (what: string) =>
  z
    .number({ error: `请填写${what}份数` })
    .int(`${what}份数应为整数`)
    .min(0, `${what}份数不能为负数`)
    .max(200, `${what}份数不能超过 200`);

export const arrivalInput = z.object({
  method: z.enum(ARRIVAL_METHODS, { error: '请选择送达方式（机要交换、邮寄、现场递交或电子）' }),
  electronicCopies: copies('电子版').meta({ description: '电子版（光盘、U 盘或系统内）份数' }),
  paperCopies: copies('纸质').meta({ description: '纸质申报材料份数（每项申报一式两份）' }),
  letter: z.boolean({ error: '请选择是否附推荐函' }).meta({ description: '是否附推荐函' }),
  pledge: z
    .boolean({ error: '请选择是否附主管部门信用承诺书' })
    .meta({ description: '是否附主管部门信用承诺书（附件5）' }),
  note: z.string().trim().max(500, '接收备注不能超过 500 个字').optional(),
  arrivedAt: z.iso
    .datetime({ offset: true, error: '送达时间格式不正确' })
    .optional()
    .meta({ description: '实际送达时间（ISO-8601）；省略时为登记时间。不得早于报送时间，不得晚于现在' }),
});
export type ArrivalInput = z.infer<typeof arrivalInput>;

export const arrivalSchema = z.object({
  method: z.enum(ARRIVAL_METHODS).nullable(),
  methodLabel: z.string().nullable(),
  electronicCopies: z.number().nullable(),
  paperCopies: z.number().nullable(),
  letter: z.boolean().nullable(),
  pledge: z.boolean().nullable(),
  note: z.string().nullable(),
  /** Received after the deadline in force (extensions included); null while not received. */
  late: z.boolean().nullable(),
});
export type Arrival = z.infer<typeof arrivalSchema>;
