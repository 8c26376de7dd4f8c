import type {
  Agreement,
  AgreementCreate,
  AgreementUpdate,
  Appraisal,
  AppraisalCreate,
  Asset,
  AssetCreate,
  AssetUpdate,
  Company,
  CompanyCreate,
  CompanyUpdate,
  Partner,
  PartnerCreate,
  PartnerUpdate,
  Shareholdings,
  ShareholdingsReplace,
  Venture,
  VentureCreate,
  VentureUpdate,
} from '@gongfu/contract';
import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type ApiError, apiRequest, queryString } from '../../../lib/api-client';

/** A list as the register's API answers it (the contract exports the schemas, not these types). */
export interface ListOf<T> {
  items: T[];
  total: number;
}
type CompanyList = ListOf<Company>;
type AssetList = ListOf<Asset>;
type AppraisalList = ListOf<Appraisal>;
type VentureList = ListOf<Venture>;
type PartnerList = ListOf<Partner>;
type AgreementList = ListOf<Agreement>;

/**
 * The register's reads and writes (companies and shareholdings, assets and appraisals, ventures, partners,
 * agreements). Every key starts with `register`, then the collection; a write refreshes its collection.
 */
export const registerQueryKey = ['register'] as const;

type Params = Readonly<Record<string, string | number | boolean | undefined>>;

function listOptions<T>(collection: string, params: Params, enabled: boolean) {
  return queryOptions({
    queryKey: [...registerQueryKey, collection, 'list', params] as const,
    queryFn: ({ signal }) => apiRequest<T>(`/${collection}${queryString(params)}`, { signal }),
    enabled,
    placeholderData: keepPreviousData,
  });
}

function oneOptions<T>(collection: string, id: string) {
  return queryOptions({
    queryKey: [...registerQueryKey, collection, 'detail', id] as const,
    queryFn: ({ signal }) => apiRequest<T>(`/${collection}/${encodeURIComponent(id)}`, { signal }),
  });
}

// ----- reads ---------------------------------------------------------------------------------------

export interface CommunityParams {
  communityId?: string | undefined;
}

export const companiesQueryOptions = (params: CommunityParams, enabled = true) =>
  listOptions<CompanyList>('companies', { ...params }, enabled);
export const useCompanies = (params: CommunityParams, enabled = true) =>
  useQuery(companiesQueryOptions(params, enabled));

export const companyQueryOptions = (id: string) => oneOptions<Company>('companies', id);
export const useCompany = (id: string) => useQuery(companyQueryOptions(id));

export function shareholdingsQueryOptions(companyId: string) {
  return queryOptions({
    queryKey: [...registerQueryKey, 'companies', 'shareholdings', companyId] as const,
    queryFn: ({ signal }) =>
      apiRequest<Shareholdings>(`/companies/${encodeURIComponent(companyId)}/shareholdings`, { signal }),
  });
}
export const useShareholdings = (companyId: string) => useQuery(shareholdingsQueryOptions(companyId));

export interface AssetParams extends CommunityParams {
  kind?: string | undefined;
  status?: string | undefined;
}
export const assetsQueryOptions = (params: AssetParams, enabled = true) =>
  listOptions<AssetList>('assets', { ...params }, enabled);
export const useAssets = (params: AssetParams, enabled = true) =>
  useQuery(assetsQueryOptions(params, enabled));

export const assetQueryOptions = (id: string) => oneOptions<Asset>('assets', id);
export const useAsset = (id: string) => useQuery(assetQueryOptions(id));

export function appraisalsQueryOptions(assetId: string, enabled = true) {
  return queryOptions({
    queryKey: [...registerQueryKey, 'assets', 'appraisals', assetId] as const,
    queryFn: ({ signal }) =>
      apiRequest<AppraisalList>(`/assets/${encodeURIComponent(assetId)}/appraisals`, { signal }),
    enabled,
  });
}
export const useAppraisals = (assetId: string | undefined, enabled = true) =>
  useQuery(appraisalsQueryOptions(assetId ?? '', enabled && assetId !== undefined));

export interface VentureParams extends CommunityParams {
  category?: string | undefined;
  status?: string | undefined;
}
export const venturesQueryOptions = (params: VentureParams, enabled = true) =>
  listOptions<VentureList>('ventures', { ...params }, enabled);
export const useVentures = (params: VentureParams, enabled = true) =>
  useQuery(venturesQueryOptions(params, enabled));

export interface PartnerParams {
  kind?: string | undefined;
}
export const partnersQueryOptions = (params: PartnerParams, enabled = true) =>
  listOptions<PartnerList>('partners', { ...params }, enabled);
export const usePartners = (params: PartnerParams, enabled = true) =>
  useQuery(partnersQueryOptions(params, enabled));

export interface AgreementParams extends CommunityParams {
  ventureId?: string | undefined;
  partnerId?: string | undefined;
  expiringWithinDays?: number | undefined;
}
export const agreementsQueryOptions = (params: AgreementParams, enabled = true) =>
  listOptions<AgreementList>('agreements', { ...params }, enabled);
export const useAgreements = (params: AgreementParams, enabled = true) =>
  useQuery(agreementsQueryOptions(params, enabled));

// ----- writes --------------------------------------------------------------------------------------

/** Creates in a collection, then refreshes the register (lists elsewhere show names of what changed). */
function useCreate<Body, Result>(collection: string) {
  const queryClient = useQueryClient();
  return useMutation<Result, ApiError, Body>({
    mutationFn: (body) => apiRequest<Result>(`/${collection}`, { method: 'POST', body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: registerQueryKey }),
  });
}

/** Changes one object (the body carries the version read); the answer replaces the cached object. */
function useUpdate<Body, Result>(collection: string) {
  const queryClient = useQueryClient();
  return useMutation<Result, ApiError, { id: string; body: Body }>({
    mutationFn: ({ id, body }) =>
      apiRequest<Result>(`/${collection}/${encodeURIComponent(id)}`, { method: 'PATCH', body }),
    onSuccess: (result, { id }) => {
      queryClient.setQueryData([...registerQueryKey, collection, 'detail', id], result);
      return queryClient.invalidateQueries({ queryKey: registerQueryKey });
    },
  });
}

export const useCreateCompany = () => useCreate<CompanyCreate, Company>('companies');
export const useUpdateCompany = () => useUpdate<CompanyUpdate, Company>('companies');
export const useCreateAsset = () => useCreate<AssetCreate, Asset>('assets');
export const useUpdateAsset = () => useUpdate<AssetUpdate, Asset>('assets');
export const useCreateVenture = () => useCreate<VentureCreate, Venture>('ventures');
export const useUpdateVenture = () => useUpdate<VentureUpdate, Venture>('ventures');
export const useCreatePartner = () => useCreate<PartnerCreate, Partner>('partners');
export const useUpdatePartner = () => useUpdate<PartnerUpdate, Partner>('partners');
export const useCreateAgreement = () => useCreate<AgreementCreate, Agreement>('agreements');
export const useUpdateAgreement = () => useUpdate<AgreementUpdate, Agreement>('agreements');

export function useReplaceShareholdings(companyId: string) {
  const queryClient = useQueryClient();
  return useMutation<Shareholdings, ApiError, ShareholdingsReplace>({
    mutationFn: (body) =>
      apiRequest<Shareholdings>(`/companies/${encodeURIComponent(companyId)}/shareholdings`, {
        method: 'PUT',
        body,
      }),
    onSuccess: (result) => {
      queryClient.setQueryData(shareholdingsQueryOptions(companyId).queryKey, result);
      // the company's version moved with its shareholdings
      return queryClient.invalidateQueries({ queryKey: registerQueryKey });
    },
  });
}

export function useRecordAppraisal(assetId: string) {
  const queryClient = useQueryClient();
  return useMutation<Appraisal, ApiError, AppraisalCreate>({
    mutationFn: (body) =>
      apiRequest<Appraisal>(`/assets/${encodeURIComponent(assetId)}/appraisals`, { method: 'POST', body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: registerQueryKey }),
  });
}
